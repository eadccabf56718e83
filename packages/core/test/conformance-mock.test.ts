import { createMockProvider } from "../src/testing/index.js";
import { runConformance } from "../src/conformance/index.js";

// The mock is the executable spec: it runs the whole suite with every capability declared.
runConformance({
  name: "mock (every capability)",
  setup: () => {
    const provider = createMockProvider({ quotas: { requests: { limit: 1000 }, exports: { limit: 10 } } });
    return { provider, controls: provider.controls };
  },
  fixtures: { webhookTypes: ["user.created", "user.updated", "user.deleted"] },
});

// A smaller declaration proves the suite selects by capability and that undeclared members are absent.
runConformance({
  name: "mock (users.read + tokens.verify only)",
  setup: () => {
    const provider = createMockProvider({ capabilities: ["users.read", "tokens.verify"] });
    return { provider, controls: provider.controls };
  },
});
