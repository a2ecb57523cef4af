import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { wordsPlugin } from "./src/i18n/words-plugin";
import { routeChunksPlugin } from "./src/route-chunks-plugin";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [
    preact(),
    // The language catalogues in parts: the first page's words before the first render, each screen's with its code.
    wordsPlugin(),
    // Each route's screen code, for the Worker's modulepreload links (route-chunks-plugin.ts): the modules app.tsx
    // (and home.tsx) import lazily for it.
    routeChunksPlugin({
      "/": ["features/posts/composer.tsx", "features/ideas/closing-soon.tsx"],
      "/people": ["features/people/directory.tsx"],
      "/people/:id": ["features/people/profile.tsx"],
      "/me": ["features/people/me-hub.tsx"],
      "/me/edit": ["features/people/edit-profile.tsx"],
      "/settings": ["features/settings/settings.tsx"],
      "/admin/:tab?": ["features/admin/admin.tsx"],
      "/groups": ["features/groups/directory.tsx"],
      // The posts tab (the group's first screen) shows nothing until the composer's code is here (group-posts.tsx):
      // named with the page, not fetched once the group page's code has run.
      "/groups/:id/:tab?": ["features/groups/group-page.tsx", "features/posts/composer.tsx"],
      "/coffee": ["features/coffee/lobby.tsx"],
      "/coffee/pairing": ["features/coffee/pairing.tsx"],
      "/coffee/:roomId": ["features/coffee/room.tsx"],
      "/ideas": ["features/ideas/ideas-home.tsx"],
      "/ideas/stats": ["features/ideas/idea-stats.tsx"],
      "/ideas/box/:groupId": ["features/ideas/campaign-page.tsx"],
      "/ideas/:id": ["features/ideas/idea-page.tsx"],
      "/campaigns/:id": ["features/ideas/campaign-page.tsx"],
      "/posts/:id": ["features/posts/post-page.tsx"],
      "/notifications/:tab?": ["features/notifications/notifications.tsx"],
      "/search": ["features/search/search.tsx"],
      "/questions/:id?": ["features/questions/questions-home.tsx"],
      "/office-hours/:id": ["features/office-hours/office-hour-page.tsx"],
      "/login": ["features/auth/login.tsx"],
    }),
    // Installable, and readable offline: the manifest, and our own service worker (src/sw.ts) given the list of
    // files to precache. The page registers it itself (src/offline.ts): no inline script, which the CSP forbids.
    VitePWA({
      strategies: "injectManifest",
      srcDir: "src",
      filename: "sw.ts",
      injectRegister: false,
      manifestFilename: "manifest.webmanifest",
      injectManifest: { globPatterns: ["**/*.{js,css,html,svg,png,woff2}"], globIgnores: ["api-docs.*"] },
      manifest: {
        name: "Comptoir",
        short_name: "Comptoir",
        description: "Your company's network: its groups, conversations and people.",
        start_url: "/",
        scope: "/",
        display: "standalone",
        background_color: "#ffffff",
        theme_color: "#0f5e5e",
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
    }),
  ],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // No inline scripts or styles: the Content-Security-Policy forbids them.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Fewer files before a screen's first paint (issue 13, part 5: on a phone each request waits its turn, at a
          // round trip or more): the small form pieces the composer is made of (shared with other screens, so each
          // was a chunk of its own, eight for the composer) come in one chunk, and the live room's client with its
          // socket library in another. Only lazily loaded modules: the first page's files do not change.
          groups: [
            { name: "forms", test: /[\\/]src[\\/](components[\\/](field|progress|markdown-preview|group-checklist)\.tsx|components[\\/]progress\.css|features[\\/]posts[\\/]mention-textarea\.tsx|send-with-progress\.ts|i18n[\\/]zoned-time\.ts)$/, includeDependenciesRecursively: false },
            { name: "live", test: /[\\/](src[\\/]live[\\/](room|use-room)\.ts|node_modules[\\/]partysocket[\\/])/, includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
});
