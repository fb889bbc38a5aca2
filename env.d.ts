/// <reference types="vite/client" />

import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Set by the demo entry point only; the production server sets false. */
    demo: boolean;
  }
}
