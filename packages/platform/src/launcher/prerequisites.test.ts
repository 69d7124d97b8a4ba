import { describe, expect, it } from 'vitest';
import { checkJava, javaBinary, parseJavaMajor } from './prerequisites.js';

describe('parseJavaMajor', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_392"', 8],
    ['no version here', undefined],
  ])('%s → %s', (output, major) => {
    expect(parseJavaMajor(output)).toBe(major);
  });
});

describe('checkJava', () => {
  it('names the missing binary and what to do instead', async () => {
    const missing = javaBinary({ JAVA_HOME: '/nonexistent/jdk' });
    await expect(checkJava('Kafka broker', missing)).rejects.toThrow(
      /Kafka broker: Java is needed but '\/nonexistent\/jdk\/bin\/java' could not be run\.[\s\S]*MEMGRAPH_URI \/ KAFKA_BROKERS/,
    );
  });

  it('accepts the machine JDK', async () => {
    await expect(checkJava('engine')).resolves.toBeUndefined();
  });
});
