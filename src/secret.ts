import { inspect } from 'node:util';

/**
 * A credential. Every way of turning it into text (String(), JSON, util.inspect, template
 * literals) yields "[redacted]"; only `reveal()` gives the value, and only client code that puts
 * it on the wire calls it.
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return '[redacted]';
  }
}
