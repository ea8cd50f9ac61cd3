/** Filled in by rollup.config.mjs at build time (package version and git commit). */
export const BUILD_VERSION = '__BUILD_VERSION__';
export const BUILD_COMMIT = '__BUILD_COMMIT__';
