// The storage host behind the download links: short-lived signed links, refused the way
// S3-style storage refuses them once they have expired or when they carry API credentials.

export interface StoredFile {
  body: string;
  contentType: string;
}

interface Link {
  expiresAt: number;
  ttlSeconds: number;
  file: () => StoredFile;
}

export interface Storage {
  /** Where the links point; files are served below it. */
  readonly url: string;
  /**
   * A signed link to the file `file()` gives when downloaded, and when it expires: below `base`
   * (the storage URL the API request was answered for), or below `url`.
   */
  sign(path: string, ttlMs: number, file: () => StoredFile, base?: string): { url: string; expiry: string };
  serve(request: Request): Response;
}

export function createStorage(url: string): Storage {
  const links = new Map<string, Link>();
  let signed = 0;

  const refuse = (status: number, code: string, message: string, extra = ""): Response =>
    new Response(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}</Error>`,
      { status, headers: { "content-type": "application/xml" } },
    );

  return {
    url,
    sign(path, ttlMs, file, base = url) {
      const now = Date.now();
      // Forget links that expired a while ago, so that a long test run keeps little.
      if (links.size >= 1_000) {
        for (const [signature, link] of links) if (link.expiresAt < now - 60_000) links.delete(signature);
      }
      const signature = (++signed).toString(16).padStart(16, "0");
      const ttlSeconds = Math.ceil(ttlMs / 1_000);
      links.set(signature, { expiresAt: now + ttlMs, ttlSeconds, file });
      return {
        url: `${base}/${path}?X-Amz-Expires=${ttlSeconds}&X-Amz-Signature=${signature}`,
        expiry: new Date(now + ttlMs).toISOString(),
      };
    },
    serve(request) {
      if (request.headers.has("authorization")) {
        return refuse(
          400,
          "InvalidArgument",
          "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified",
        );
      }
      const link = links.get(new URL(request.url).searchParams.get("X-Amz-Signature") ?? "");
      if (!link)
        return refuse(
          403,
          "SignatureDoesNotMatch",
          "The request signature we calculated does not match the signature you provided.",
        );
      const now = Date.now();
      if (now >= link.expiresAt) {
        return refuse(
          403,
          "AccessDenied",
          "Request has expired",
          `<X-Amz-Expires>${link.ttlSeconds}</X-Amz-Expires><Expires>${new Date(link.expiresAt).toISOString()}</Expires><ServerTime>${new Date(now).toISOString()}</ServerTime>`,
        );
      }
      if (request.method !== "GET" && request.method !== "HEAD") {
        return refuse(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
      }
      const { body, contentType } = link.file();
      return new Response(request.method === "HEAD" ? null : body, { headers: { "content-type": contentType } });
    },
  };
}
