// The two hashes a release build names and checks its files by, written once
// for the build's steps (split.mjs, css.mjs, csp.mjs) and the tests that make
// a build of their own.
import { createHash } from 'node:crypto';

/** The first 16 hex digits of the SHA-256 of `bytes`: what a file is named after. */
export function contentHash(bytes) {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** The subresource-integrity value of `bytes` (SHA-384), as index.html carries it. */
export function integrity(bytes) {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

/**
 * `html` with the element that loads `file` (by href or src, with an
 * integrity attribute) now loading `renamed` with the integrity of `bytes`.
 * Throws if no such element names the file: a page that would load it
 * unchecked, or not at all.
 */
export function withIntegrity(html, file, bytes, renamed = file) {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const element = new RegExp(`(\\s(?:href|src)="(?:[^"]*/)?)${escaped}("[^>]*?\\sintegrity=")[^"]*(")`);
  if (!element.test(html)) throw new Error(`index.html has no integrity for ${file}`);
  return html.replace(element, `$1${renamed}$2${integrity(bytes)}$3`);
}
