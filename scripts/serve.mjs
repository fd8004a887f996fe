// A static file server for dist/ on 127.0.0.1, compressing as a static host does: Brotli or
// gzip by the request's Accept-Encoding, for text, scripts and wasm (the build's FILE.br,
// or compressed once per file and kept while the file is unchanged). `./scripts/serve.sh` and the e2e tests both
// serve through it, so what they measure is what users download (issue 23).
//   node scripts/serve.mjs [ROOT=dist] [PORT=8080]
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".yaml": "text/yaml; charset=utf-8",
};
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".wasm", ".css", ".svg", ".json", ".yaml"]);

/** `path` → { mtime, br, gzip }: each encoding made the first time it is asked for. */
const cache = new Map();

function encoded(file, stat, data, encoding) {
  let entry = cache.get(file);
  if (!entry || entry.mtime !== stat.mtimeMs) {
    entry = { mtime: stat.mtimeMs };
    cache.set(file, entry);
  }
  if (!entry[encoding]) {
    // Brotli: the build's FILE.br (scripts/precompress.mjs, quality 11) when it is as new as
    // the file, else quality 5, fast enough per request, as hosts compressing on the fly do.
    const precompressed = `${file}.br`;
    entry[encoding] =
      encoding === "br"
        ? fs.existsSync(precompressed) && fs.statSync(precompressed).mtimeMs >= stat.mtimeMs
          ? fs.readFileSync(precompressed)
          : zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })
        : zlib.gzipSync(data, { level: 9 });
  }
  return entry[encoding];
}

/** The encoding to answer with: Brotli when the client takes it (and `allowed` has it),
 * then gzip, else none. */
export function pickEncoding(acceptEncoding = "", allowed = ["br", "gzip"]) {
  const offered = acceptEncoding
    .split(",")
    .map((part) => part.trim().split(";"))
    .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q.trim()))
    .map(([name]) => name.trim().toLowerCase());
  return allowed.find((encoding) => offered.includes(encoding)) ?? null;
}

/** Serves `root`; `encodings` are the ones it may answer with, best first (a test of a
 * gzip-only host passes `["gzip"]`). */
export function serve(root, port = 0, { encodings = ["br", "gzip"] } = {}) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let file;
    try {
      file = path.join(base, decodeURIComponent(url.pathname));
    } catch {
      res.writeHead(400).end("bad path");
      return;
    }
    // Inside `base` only (not a sibling folder whose name starts like it).
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404).end("not found");
        return;
      }
      const ext = path.extname(file);
      const headers = { "content-type": TYPES[ext] || "application/octet-stream", vary: "Accept-Encoding" };
      const encoding = COMPRESSIBLE.has(ext) ? pickEncoding(req.headers["accept-encoding"], encodings) : null;
      let body = data;
      if (encoding) {
        body = encoded(file, fs.statSync(file), data, encoding);
        headers["content-encoding"] = encoding;
      }
      headers["content-length"] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? undefined : body);
    });
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

if (process.argv[1] && process.argv[1].endsWith("serve.mjs")) {
  const root = path.resolve(process.argv[2] || "dist");
  const { url } = await serve(root, Number(process.argv[3] || 8080));
  console.log(`serving ${root} at ${url} (Brotli or gzip, as a static host would; Ctrl-C to stop)`);
}
