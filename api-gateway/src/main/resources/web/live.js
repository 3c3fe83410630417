// The organisation's live stream: Server-Sent Events read with fetch, so that the token goes in
// the Authorization header (EventSource cannot send one, and a token in a URL ends up in logs).

import { authHeaders, ApiError } from './api.js';

const MAX_BACKOFF_MS = 15000;

/**
 * Keeps one stream open to /api/v1/live/organisations/{org}, reconnecting with backoff when it
 * drops or the server ends it.
 *
 * handlers: onEvent(name, data), onState(state, text), onUnauthorised(message)
 */
export class LiveConnection {
  constructor(organisationId, token, handlers) {
    this.path = `/api/v1/live/organisations/${encodeURIComponent(organisationId)}`;
    this.token = token;
    this.handlers = handlers;
    this.backoff = 1000;
    this.stopped = false;
    this.controller = null;
  }

  start() {
    this.connect();
  }

  stop() {
    this.stopped = true;
    this.controller?.abort();
    clearTimeout(this.retry);
  }

  async connect() {
    this.controller = new AbortController();
    this.handlers.onState('connecting', 'Connecting to live updates…');
    try {
      const response = await fetch(this.path, {
        headers: authHeaders(this.token, 'text/event-stream'),
        cache: 'no-store',
        signal: this.controller.signal,
      });
      if (response.status === 401) {
        const body = await response.json().catch(() => null);
        this.handlers.onUnauthorised(body?.error?.message ?? 'the token was refused');
        return;
      }
      if (!response.ok) {
        const body = await response.json().catch(() => null);
        throw new ApiError(response.status, body?.error?.message ?? `${response.status}`);
      }
      await this.read(response.body);
      this.reconnect('reconnecting', 'Live updates paused; reconnecting…');
    } catch (error) {
      if (this.stopped) {
        return;
      }
      const unavailable = error instanceof ApiError;
      this.reconnect(unavailable ? 'unavailable' : 'reconnecting',
        unavailable ? `Live updates unavailable (${error.message}); retrying…` : 'Connection lost; reconnecting…');
    }
  }

  reconnect(state, text) {
    if (this.stopped) {
      return;
    }
    this.handlers.onState(state, text);
    this.retry = setTimeout(() => this.connect(), this.backoff);
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
  }

  /** Reads SSE frames: "event:" and "data:" lines, a blank line ends one, ":" lines are comments. */
  async read(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        this.dispatch(frame);
      }
    }
  }

  dispatch(frame) {
    let name = 'message';
    const data = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) {
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') {
        name = value;
      } else if (field === 'data') {
        data.push(value);
      }
    }
    if (data.length === 0) {
      return;
    }
    if (name === 'ready') {
      this.backoff = 1000;
      this.handlers.onState('connected', 'Live: updates appear as they happen');
    }
    let parsed;
    try {
      parsed = JSON.parse(data.join('\n'));
    } catch {
      return;
    }
    this.handlers.onEvent(name, parsed);
  }
}
