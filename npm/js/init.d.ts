// `polyaxon-storage-check/init`: the functions of the default entry, and the loading left to you.
export * from "./types.js";

/**
 * Loads the WebAssembly module, once, before the functions are called: from `source` (its
 * URL, a fetch `Response`, its bytes or a compiled module), by default fetched from beside
 * this file. A rejected load can be tried again.
 */
export function init(
  source?: string | URL | Response | PromiseLike<Response> | ArrayBuffer | ArrayBufferView | WebAssembly.Module,
): Promise<void>;

/** Loads the module synchronously from its bytes or a compiled module (Node, workers). */
export function initSync(module: ArrayBuffer | ArrayBufferView | WebAssembly.Module): void;
