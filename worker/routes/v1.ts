import { Hono } from "hono";
import type { AppEnv } from "../context";
import { meRoutes } from "./me";
import { setupRoutes } from "./setup";

/** Every /api/v1 resource, one sub-app each. */
export const v1Routes = new Hono<AppEnv>().route("/me", meRoutes).route("/setup", setupRoutes);
