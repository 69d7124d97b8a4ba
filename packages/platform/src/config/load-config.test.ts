import { describe, expect, it } from 'vitest';
import { MemgateError } from '../errors/index.js';
import {
  boolVar,
  enumVar,
  intVar,
  listVar,
  optionalStringVar,
  optionalUrlVar,
  portVar,
} from './env-var.js';
import { loadConfig } from './load-config.js';

const spec = {
  port: portVar('TEST_PORT', { description: 'a port', default: 4000 }),
  retries: intVar('TEST_RETRIES', { description: 'retries', default: 3, min: 0, max: 10 }),
  debug: boolVar('TEST_DEBUG', { description: 'debug', default: false }),
  mode: enumVar('TEST_MODE', { description: 'mode', values: ['dev', 'prod'], default: 'dev' }),
  brokers: listVar('TEST_BROKERS', { description: 'brokers' }),
  user: optionalStringVar('TEST_USER', { description: 'user' }),
  password: optionalStringVar('TEST_PASSWORD', { description: 'password', secret: true }),
  uri: optionalUrlVar('TEST_URI', { description: 'uri', protocols: ['bolt', 'bolt+s'] }),
};

function problemsOf(environment: Record<string, string>): string[] {
  try {
    loadConfig(spec, environment);
  } catch (error) {
    expect(error).toBeInstanceOf(MemgateError);
    return (error as MemgateError).details['problems'] as string[];
  }
  throw new Error('expected the configuration to be rejected');
}

describe('loadConfig', () => {
  it('applies defaults when variables are unset or empty', () => {
    expect(loadConfig(spec, { TEST_PORT: '' })).toEqual({
      port: 4000,
      retries: 3,
      debug: false,
      mode: 'dev',
      brokers: [],
      user: undefined,
      password: undefined,
      uri: undefined,
    });
  });

  it('parses every kind of value', () => {
    const config = loadConfig(spec, {
      TEST_PORT: '0',
      TEST_RETRIES: '10',
      TEST_DEBUG: 'yes',
      TEST_MODE: 'prod',
      TEST_BROKERS: ' a:1 , b:2,, ',
      TEST_USER: 'memgraph',
      TEST_URI: 'bolt+s://db.example:7687',
    });
    expect(config).toMatchObject({
      port: 0,
      retries: 10,
      debug: true,
      mode: 'prod',
      brokers: ['a:1', 'b:2'],
      user: 'memgraph',
      uri: 'bolt+s://db.example:7687',
    });
  });

  it('reports every bad variable at once, naming it and its value', () => {
    const problems = problemsOf({
      TEST_PORT: '70000',
      TEST_RETRIES: 'three',
      TEST_DEBUG: 'maybe',
      TEST_MODE: 'staging',
      TEST_URI: 'http://db:7474',
    });
    expect(problems).toEqual([
      'TEST_PORT="70000": must be at most 65535',
      'TEST_RETRIES="three": must be a whole number',
      'TEST_DEBUG="maybe": must be true or false',
      'TEST_MODE="staging": must be one of dev, prod',
      'TEST_URI="http://db:7474": must use one of the schemes bolt, bolt+s',
    ]);
  });

  it('never echoes a secret value', () => {
    const secretSpec = { token: intVar('TEST_TOKEN', { description: 't', default: 1 }) };
    const withSecret = { token: { ...secretSpec.token, secret: true } };
    expect(() => loadConfig(withSecret, { TEST_TOKEN: 'hunter2' })).toThrow(
      'TEST_TOKEN=(secret): must be a whole number',
    );
    expect(() => loadConfig(withSecret, { TEST_TOKEN: 'hunter2' })).not.toThrow(/hunter2/);
  });

  it('is an INVALID_CONFIG error', () => {
    expect(() => loadConfig(spec, { TEST_PORT: '-1' })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
  });
});
