import { flatRoutes } from "@remix-run/fs-routes";

// Tests and server-only helpers may sit beside the routes that use them.
export default flatRoutes({ ignoredRouteFiles: ["**/*.test.*", "**/*.server.*"] });
