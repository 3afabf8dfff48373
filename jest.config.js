/** Unit and integration tests: TypeScript is stripped by swc (type checking is `npm run typecheck`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/backend', '<rootDir>/addin'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // These dependencies ship only ES modules; swc turns them into CommonJS like our own code.
  transformIgnorePatterns: ['/node_modules/(?!(@scure|@noble|otplib|@otplib|openid-client|oauth4webapi|jose)/)'],
  testTimeout: 30000,
  // The clients' path alias for the API contract (addin/ and backend/web/ tsconfigs, their webpack builds).
  moduleNameMapper: { '^@contract/(.*)$': '<rootDir>/backend/src/contract/$1' },
};
