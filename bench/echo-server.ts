/**
 * The echo server, run as a child process by the bench: `node --import tsx bench/echo-server.ts
 * CONFIG PORT`. It serves with the receiving gateway's TLS certificate and requires a client
 * certificate from the same network CA, exactly like the gateway's peer port.
 */
import * as grpc from '@grpc/grpc-js';
import { loadConfig } from '../src/config.js';
import { loadTlsMaterial, serverCredentials } from '../src/transport/credentials.js';
import { bindServer } from '../src/transport/servers.js';
import { echoService } from './echo-service.js';

const [configFile, port] = process.argv.slice(2);
const config = loadConfig(configFile!);
const tls = loadTlsMaterial(config.tls);
const server = new grpc.Server();
server.addService(echoService, {
  echo: (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) =>
    callback(null, call.request),
});
const bound = await bindServer(server, '127.0.0.1', Number(port), serverCredentials(tls, tls.ca));
console.log(`echo listening on ${bound}`);
process.once('SIGTERM', () => server.tryShutdown(() => process.exit(0)));
