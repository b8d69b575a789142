// The bodies of the API's answers: success envelopes, and failures in the envelope of the
// layer that answers (the Cloudflare gateway, or the RealtimeKit service). Codes and messages
// are the spec's examples.

export type Body = Record<string, unknown>;

export function success(data: unknown, extra: Body = {}): Body {
  return { success: true, data, ...extra };
}

/** The Cloudflare API gateway's failure: authentication, permissions, routing, rate limits. */
export function gatewayError(code: number, message: string): Body {
  return { success: false, errors: [{ code, message }], messages: [], result: null };
}

/** The RealtimeKit service's failure: unknown ids, invalid input. */
export function serviceError(status: number, message: string): Body {
  return { success: false, error: { code: status, message } };
}

/** What the API answers with for a status when nothing more specific is known. */
export function defaultError(status: number): Body {
  switch (status) {
    case 400:
      return serviceError(400, "Bad request");
    case 401:
      return gatewayError(10000, "Authentication error");
    case 403:
      return gatewayError(9109, "Unauthorized to access requested resource");
    case 404:
      return serviceError(404, "Not found");
    case 422:
      return serviceError(422, "Validation failed for one or more request parameters");
    case 429:
      return gatewayError(971, "Please wait and consider throttling your request speed");
    default:
      return status >= 500 ? gatewayError(10001, "Internal server error") : serviceError(status, `HTTP ${status}`);
  }
}
