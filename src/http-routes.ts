import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

export interface HttpRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * The app's own routes (health, SSO callback) on its HTTP server in Socket Mode, where no Slack endpoint is served.
 * The server is the app's, not the Socket Mode receiver's, so it listens before Slack is reached.
 */
export function routeListener(routes: readonly HttpRoute[]): RequestListener {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find((r) => r.path === path);
    if (!route || !route.method.includes(req.method ?? '')) {
      req.resume();
      res.writeHead(route ? 405 : 404).end();
      return;
    }
    route.handler(req, res);
  };
}
