// Built with webpack (next dev --webpack, next build --webpack), not Turbopack: @authmux/core looks adapters and
// fakes up by name with a dynamic import(`@authmux/${name}`), which Turbopack turns into a glob over every file of
// every @authmux package (and fails on their READMEs); webpack can leave the @authmux packages to Node instead.
/** @type {import("next").NextConfig} */
const nextConfig = {
  webpack(config, { isServer }) {
    if (isServer) {
      // Required by Node at run time rather than bundled: core (see above), the adapters, and msw for the fakes.
      const external = /^(@authmux\/(core|clerk|stytch)|msw)(\/|$)/;
      config.externals = [...[config.externals ?? []].flat(), ({ request }, callback) => (request && external.test(request) ? callback(null, `commonjs ${request}`) : callback())];
    }
    return config;
  },
};

export default nextConfig;
