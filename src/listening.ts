/** A port the service listens on, named by the settings an operator changes. */
export interface Endpoint {
  setting: 'PORT' | 'METRICS_PORT';
  hostSetting: 'HOST' | 'METRICS_HOST';
  host: string;
  port: number;
}

/** Why the server cannot listen, on one line naming the setting to change (Node's own is a stack). */
export function listenFailure(error: NodeJS.ErrnoException, endpoint: Endpoint): string {
  const { setting, hostSetting, host, port } = endpoint;
  const where = `port ${port} on ${host}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return `Cannot listen: ${where} is already in use (EADDRINUSE); stop the other server or set ${setting} to a free port.`;
    case 'EACCES':
      return `Cannot listen: ${where} needs privileges this process lacks (EACCES); set ${setting} to 1024 or above.`;
    case 'EADDRNOTAVAIL':
      return `Cannot listen: ${hostSetting} ${host} is not an address of this machine (EADDRNOTAVAIL); set ${hostSetting} to one of its addresses.`;
    default:
      return `Cannot listen on ${where}: ${error.message.split('\n', 1)[0]}; check ${setting} and ${hostSetting}.`;
  }
}

/** The URL of `path` on a host and port the service listens on; an IPv6 address goes in brackets (RFC 3986 §3.2.2). */
export function listeningUrl(host: string, port: number, path: string): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}${path}`;
}

/**
 * A line saying where the service listens, always printed whatever LOG_LEVEL says: scripts and
 * tests wait for it, and `pid` is the process to signal to stop the service.
 */
export function announce(msg: 'listening' | 'metrics listening', fields: Record<string, string | number>): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', msg, ...fields })}\n`);
}
