/// <reference types="vite/client" />

/** 'chrome' or 'firefox', fixed at build time. */
declare const __TARGET__: 'chrome' | 'firefox';
/** True only in the chrome-test build, which holds the fixture hosts from install. */
declare const __TEST_BUILD__: boolean;

/** crxjs: a content script bundled as one self-contained file; the import is its path in the build. */
declare module '*?iife' {
  const path: string;
  export default path;
}
