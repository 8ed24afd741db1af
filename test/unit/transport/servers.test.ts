import { expect } from 'chai';
import { channelKeepaliveOptions, serverKeepaliveOptions } from '../../../src/transport/servers.js';

describe('keepalive options', () => {
  const k = { timeMs: 30_000, timeoutMs: 10_000 };

  it('makes servers ping idle connections and close those that do not answer', () => {
    expect(serverKeepaliveOptions(k)).to.deep.equal({
      'grpc.keepalive_time_ms': 30_000,
      'grpc.keepalive_timeout_ms': 10_000,
    });
  });

  it('makes channels to partners ping only while calls are open', () => {
    expect(channelKeepaliveOptions(k)).to.deep.equal({
      'grpc.keepalive_time_ms': 30_000,
      'grpc.keepalive_timeout_ms': 10_000,
      'grpc.keepalive_permit_without_calls': 0,
    });
  });
});
