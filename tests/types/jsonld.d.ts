/** The part of jsonld.js (which ships no types) that the offline JSON-LD tests use. */
declare module 'jsonld' {
  interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }
  interface ExpandOptions {
    /** Resolves every remote context; the tests' loader serves only the bag's own copy. */
    documentLoader: (url: string) => Promise<RemoteDocument>;
    /** The document's own URL, against which relative IRIs ("url") resolve. */
    base?: string;
    /** Fail instead of silently dropping a term or value the context does not define. */
    safe?: boolean;
  }
  const jsonld: { expand(input: unknown, options: ExpandOptions): Promise<unknown[]> };
  export default jsonld;
}
