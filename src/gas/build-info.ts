/** Filled in by rollup.config.mjs at build time (package version and git commit). */
const BUILD_VERSION = '__BUILD_VERSION__';
const BUILD_COMMIT = '__BUILD_COMMIT__';
/** What the status answer, Check setup and the bundle's header call this build. */
export const BUILD = `${BUILD_VERSION}+${BUILD_COMMIT}`;
