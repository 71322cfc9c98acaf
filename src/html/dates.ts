/** Dates to ISO 8601. A timestamp that carries an offset keeps it; a bare date stays a date. */
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

export function toIsoDate(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  const s = raw.trim();
  if (!s) return undefined;
  const m = ISO_RE.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, tz] = m;
    if (!h) return `${y}-${mo}-${d}`;
    let zone = tz ?? '';
    if (zone && zone.toUpperCase() !== 'Z') {
      const z = zone.replace(':', '');
      zone = `${z.slice(0, 3)}:${(z.slice(3) || '00').padEnd(2, '0')}`;
    } else if (zone) zone = 'Z';
    return `${y}-${mo}-${d}T${h}:${mi}:${sec ?? '00'}${zone}`;
  }
  if (/^\d{10,13}$/.test(s)) {
    const n = Number(s);
    return new Date(s.length === 10 ? n * 1000 : n).toISOString().replace('.000Z', 'Z');
  }
  const t = Date.parse(s);
  if (Number.isNaN(t)) return undefined;
  const y = new Date(t).getUTCFullYear();
  if (y < 1990 || y > 2100) return undefined;
  return new Date(t).toISOString().replace('.000Z', 'Z');
}
