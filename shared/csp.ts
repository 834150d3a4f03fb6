/**
 * The renderer's Content Security Policy, defined once. The app:// protocol handler
 * sends it as a header, the build writes it into index.html as a <meta>, and the
 * end-to-end host sends the same header, so every host enforces one policy.
 */
const directives: readonly (readonly [string, string])[] = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['worker-src', "'self' blob:"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

// Browsers ignore these in a <meta> policy and log a console error for each one.
const headerOnly = new Set(['frame-ancestors']);

const join = (list: readonly (readonly [string, string])[]) => list.map(([name, value]) => `${name} ${value}`).join('; ');

/** The policy sent as a Content-Security-Policy response header. */
export const CSP_HEADER = join(directives);

/** The same policy minus header-only directives, for the <meta http-equiv> in index.html. */
export const CSP_META = join(directives.filter(([name]) => !headerOnly.has(name)));
