/**
 * A real DNS server on loopback for tests (dns2 over UDP): answers TXT questions from a map the test controls,
 * and can be told to fail a name with SERVFAIL or to never answer it, as broken DNS does.
 */
import dgram from 'node:dgram';
import dns2 from 'dns2';

const { Packet } = dns2;
// RFC 1035 response codes (dns2 has them at run time but not in its typings).
const SERVFAIL = 2;
const NXDOMAIN = 3;

export interface TxtDnsServer {
  /** `127.0.0.1:port`, the form DNS_SERVERS takes. */
  address: string;
  /** name → TXT values; a value given as an array is one record split into several strings. */
  records: Map<string, (string | string[])[]>;
  failing: Map<string, 'servfail' | 'silent'>;
  stop(): Promise<void>;
}

export async function startTxtDnsServer(): Promise<TxtDnsServer> {
  const records = new Map<string, (string | string[])[]>();
  const failing = new Map<string, 'servfail' | 'silent'>();
  const server = dns2.createServer({
    udp: true,
    handle(request, send) {
      const response = Packet.createResponseFromRequest(request);
      const question = request.questions[0];
      const name = question?.name.toLowerCase() ?? '';
      const failure = failing.get(name);
      if (failure === 'silent') return;
      if (failure === 'servfail') response.header.rcode = SERVFAIL;
      else if (!records.has(name)) response.header.rcode = NXDOMAIN;
      else if (question && question.type === Packet.TYPE.TXT) {
        for (const data of records.get(name)!) {
          response.answers.push({ name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 0, data } as never);
        }
      }
      void send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  return {
    address: `127.0.0.1:${addresses.udp!.port}`,
    records,
    failing,
    stop: () => server.close(),
  };
}

/** `127.0.0.1:port` where nothing listens: a DNS server that is down. */
export async function deadDnsAddress(): Promise<string> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return `127.0.0.1:${port}`;
}
