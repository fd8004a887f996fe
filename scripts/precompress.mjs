// Writes FILE.br (Brotli, quality 11) beside each text, script and wasm file of the built
// site, as static hosts that serve precompressed files expect (nginx's brotli_static, most
// CDNs' upload pipelines). scripts/serve.mjs serves them; a host that compresses on the fly
// ignores them. Quality 11 takes about 2 s for the wasm, too slow to do per request: the
// wasm is 207 KB this way, 229 KB at quality 9 and 251 KB with gzip -9.
//   node scripts/precompress.mjs DIR
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const PRECOMPRESSED = new Set([".html", ".js", ".wasm", ".css", ".svg"]);

const dir = process.argv[2];
if (!dir) throw new Error("usage: node scripts/precompress.mjs DIR");
for (const name of fs.readdirSync(dir)) {
  const file = path.join(dir, name);
  if (!PRECOMPRESSED.has(path.extname(name)) || !fs.statSync(file).isFile()) continue;
  const data = fs.readFileSync(file);
  const br = zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  fs.writeFileSync(`${file}.br`, br);
}
