// What a route answers, before the server adds what every answer carries.

/** What a route answers; the server adds the headers every answer has, and turns an ETag that matches into a 304. */
export interface Reply {
  status: number;
  type: 'html' | 'json' | 'atom' | 'text';
  body: string;
  /** public: a cache in front may keep it briefly; private: the reader's own; none: never kept. */
  cache: 'public' | 'private' | 'none';
  /** For revalidation (page-cache.ts makes it, of the page without its form token). */
  etag?: string;
  location?: string;
  /** The article whose form token goes in the body's token slot, fresh for each answer. */
  tokenFor?: string;
  /** The body as bytes, split at the token slot (a cached reply: encoded once). */
  chunks?: Buffer[];
}
