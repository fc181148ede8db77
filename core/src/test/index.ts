export type { FakeReply, FakeRequest } from './create-fake-fetch.js';
export { createFakeFetch } from './create-fake-fetch.js';
export type { TestDatabase, TestDatabaseKind } from './create-test-database.js';
export { createTestDatabase, isPostgresAvailable, TEST_POSTGRES_URL } from './create-test-database.js';
export type { TestObservatory } from './create-test-observatory.js';
export { createTestObservatory } from './create-test-observatory.js';
export { testDatabases } from './databases.js';
export { makeCall } from './make-call.js';
