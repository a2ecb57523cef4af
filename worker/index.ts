import { createApp } from "./app";
import { readConfig } from "./env";
import { routeRooms } from "./rooms";
import { runScheduled } from "./jobs/scheduled";
import { consumeJobs, type Job } from "./jobs/queue";

export { CoffeeLobby } from "../party/coffee-lobby";
export { CoffeeRoom } from "../party/coffee-room";
export { GroupRoom } from "../party/group-room";
export { CampaignRoom } from "../party/campaign-room";
export { UserRoom } from "../party/user-room";
export { OfficeHourRoom } from "../party/office-hour-room";

const app = createApp();

export default {
  async fetch(request, env, ctx) {
    readConfig(env); // a misconfigured deployment fails here, loudly, not deep inside a request
    return (await routeRooms(request, env)) ?? app.fetch(request, env, ctx);
  },
  async scheduled(controller, env, ctx) {
    await runScheduled(controller, env, ctx);
  },
  async queue(batch, env, _ctx) {
    await consumeJobs(batch, env);
  },
} satisfies ExportedHandler<Env, Job>;
