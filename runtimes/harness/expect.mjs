// vitest's own `expect` (chai with the @vitest/expect plugins, as vitest assembles it), without vitest's
// runner: the same matchers, asymmetric matchers and messages on every runtime.
import * as chai from "chai";
import { ASYMMETRIC_MATCHERS_OBJECT, JestAsymmetricMatchers, JestChaiExpect, JestExtend, getState, setState } from "@vitest/expect";

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

/** `expect(value)`: counts assertions as vitest does, so `expect.assertions(n)` keeps its meaning. */
export const expect = (value, message) => {
  const { assertionCalls } = getState(expect);
  setState({ assertionCalls: assertionCalls + 1 }, expect);
  return chai.expect(value, message);
};
Object.assign(expect, chai.expect);
Object.assign(expect, globalThis[ASYMMETRIC_MATCHERS_OBJECT]);
expect.getState = () => getState(expect);
expect.setState = (state) => setState(state, expect);
expect.extend = (matchers) => chai.expect.extend(expect, matchers);
expect.assertions = (expected) => {
  const errorGen = () => new Error(`expected number of assertions to be ${expected}, but got ${getState(expect).assertionCalls}`);
  setState({ expectedAssertionsNumber: expected, expectedAssertionsNumberErrorGen: errorGen }, expect);
};
expect.hasAssertions = () => {
  setState({ isExpectingAssertions: true, isExpectingAssertionsError: new Error("expected any number of assertion, but got none") }, expect);
};
expect.soft = (...args) => expect(...args);
expect.unreachable = (message) => chai.assert.fail(`expected${message ? ` "${message}" ` : " "}not to be reached`);

/** Fresh per-test state, as vitest gives each test. */
export function resetExpect(testName) {
  setState(
    {
      assertionCalls: 0,
      isExpectingAssertions: false,
      isExpectingAssertionsError: null,
      expectedAssertionsNumber: null,
      expectedAssertionsNumberErrorGen: null,
      currentTestName: testName,
    },
    expect,
  );
}

/** The check vitest makes after a test that called `expect.assertions(n)` or `expect.hasAssertions()`. */
export function checkAssertionCount() {
  const { assertionCalls, isExpectingAssertions, isExpectingAssertionsError, expectedAssertionsNumber, expectedAssertionsNumberErrorGen } = getState(expect);
  if (expectedAssertionsNumber !== null && assertionCalls !== expectedAssertionsNumber) throw expectedAssertionsNumberErrorGen();
  if (isExpectingAssertions && assertionCalls === 0) throw isExpectingAssertionsError;
}
