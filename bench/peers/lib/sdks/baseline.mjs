// No SDK: the same workload, for the other children's numbers to be taken against.

/** Nothing to set up, nothing to flush. */
export async function setup() {
  return { callOptions: {}, shutdown: async () => {} };
}
