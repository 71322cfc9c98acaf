// `require('declutter')` lands here: the package is ESM-only (its module graph uses top-level await, which
// require() of ESM cannot load), so say how to load it instead of failing with a loader error.
'use strict';
const err = new Error(
  "declutter is an ES module and cannot be loaded with require(). Use `import { clean } from 'declutter'`, " +
    "or from CommonJS `const { clean } = await import('declutter')`.",
);
err.code = 'ERR_REQUIRE_ESM';
throw err;
