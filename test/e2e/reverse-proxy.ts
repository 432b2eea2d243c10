/**
 * A small reverse proxy for the e2e tests, between Chromium and the real server, as libraries
 * deploy it (nginx in front of `npm start`). Real faults, no mocks:
 *  - `pass`: every request is forwarded (Host kept, as `proxy_set_header Host $host` does). When
 *    the server behind it is down — stop the TestServer — it answers what nginx answers: a 502
 *    HTML page.
 *  - `hang` (lie-fi): every request is accepted and held, unanswered. `release()` forwards the
 *    held ones after all (their answers arrive late); `drop()` closes their connections.
 *  - `delayMs` (a slow link, in `pass` mode): each request is forwarded only after this long — the
 *    round trip of a phone network, which a server on the same machine does not have.
 * It records the method, path, headers and arrival time of every request it receives.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type ProxyMode = 'pass' | 'hang';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Date.now() when it arrived. */
  at: number;
}

const BAD_GATEWAY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

export class ReverseProxy {
  mode: ProxyMode = 'pass';
  delayMs = 0;
  readonly seen: SeenRequest[] = [];
  private held: Array<{ req: IncomingMessage; res: ServerResponse; body: Buffer }> = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly upstreamPort: number,
  ) {}

  /** A proxy in front of `upstreamPort`, on `listenPort` (default: a free loopback port). */
  static async start(upstreamPort: number, listenPort = 0): Promise<ReverseProxy> {
    const server = createServer();
    const proxy = new ReverseProxy(server, upstreamPort);
    server.on('request', (req, res) => void proxy.handle(req, res));
    server.on('connection', (socket) => {
      proxy.sockets.add(socket);
      socket.on('close', () => proxy.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Requests received so far whose path starts with `prefix`. */
  requests(prefix: string): SeenRequest[] {
    return this.seen.filter((r) => r.path.startsWith(prefix));
  }

  /** Lie-fi ends: the held requests reach the server now, and their answers come late. */
  release(): void {
    const held = this.held.splice(0);
    for (const h of held) if (!h.res.destroyed) this.forward(h.req, h.res, h.body);
  }

  /** The link dies: the held requests' connections are closed unanswered. */
  drop(): void {
    for (const h of this.held.splice(0)) h.res.destroy();
  }

  async close(): Promise<void> {
    this.drop();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.seen.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, at: Date.now() });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (this.mode === 'hang') {
      this.held.push({ req, res, body });
      return;
    }
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    this.forward(req, res, body);
  }

  private forward(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const upstream = httpRequest(
      { host: '127.0.0.1', port: this.upstreamPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      // The server behind the proxy is down (connection refused): nginx's answer.
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(BAD_GATEWAY_PAGE) });
      res.end(BAD_GATEWAY_PAGE);
    });
    upstream.end(body);
  }
}
