#!/usr/bin/env node
// After `vite build` (`npm run build`): prints what the sign-in page's JavaScript weighs on the wire — the
// entry script and the modules index.html preloads, which is all the sign-in page loads — as built, as gzip
// and as brotli (the `.gz`/`.br` files the build wrote beside each, which the node sends as they are).
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('../dist/web/', import.meta.url));
const html = readFileSync(path.join(webDir, 'index.html'), 'utf8');

/** `src` of module scripts and `href` of module preloads: the files the page loads before it runs. */
const scripts = [
  ...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g),
  ...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
].map((match) => match[1]);

const sizeOf = (file) => (existsSync(file) ? statSync(file).size : null);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

let raw = 0;
let gzip = 0;
let brotli = 0;
for (const src of scripts) {
  const file = path.join(webDir, src.replace(/^\//, ''));
  const size = sizeOf(file);
  if (size === null) throw new Error(`index.html names ${src}, which the build does not hold`);
  // A file too small to be worth compressing is sent as it is.
  raw += size;
  gzip += sizeOf(`${file}.gz`) ?? size;
  brotli += sizeOf(`${file}.br`) ?? size;
}

process.stdout.write(
  `sign-in page JavaScript: ${scripts.length} files, ${kb(raw)} built, ${kb(gzip)} gzip, ${kb(brotli)} brotli on the wire\n`,
);
