// The REST API as the page uses it: a bearer token from this tab's session storage, JSON errors
// turned into ApiError, a 503 retried after its Retry-After.

const TOKEN_KEY = 'peerstats.token';
const MAX_ATTEMPTS = 4;

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Takes a token from the URL fragment (#token=…) into session storage and removes it from the URL. */
export function takeTokenFromFragment() {
  const match = window.location.hash.match(/(?:^#|&)token=([^&]+)/);
  if (!match) {
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
  history.replaceState(null, '', window.location.pathname + window.location.search);
}

export function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/**
 * The token's claims, for display and to pick the organisation; the server alone decides what the
 * token may do. Null when it is not a JWT.
 */
export function claimsOf(token) {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return null;
  }
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

export function authHeaders(token, accept = 'application/json') {
  return { Authorization: `Bearer ${token}`, Accept: accept };
}

/** GET a path of the API; throws ApiError with the server's message on an error answer. */
export async function getJson(path, token) {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(path, { headers: authHeaders(token), cache: 'no-store' });
    if (response.status === 503 && attempt < MAX_ATTEMPTS) {
      await sleep(1000 * Number(response.headers.get('Retry-After') || 1));
      continue;
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const message = body?.error?.message ?? `${response.status} ${response.statusText}`;
      throw new ApiError(response.status, message);
    }
    return body;
  }
}

export function sleep(millis) {
  return new Promise(resolve => setTimeout(resolve, millis));
}

/** Runs at most `limit` of the given tasks at a time; resolves when all have settled. */
export async function inParallel(tasks, limit) {
  const queue = [...tasks];
  const workers = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    while (queue.length > 0) {
      await queue.shift()().catch(() => {});
    }
  });
  await Promise.all(workers);
}
