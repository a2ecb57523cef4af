import { adminRoutes } from "./admin";
import { authRoutes } from "./auth";
import { charterRoutes } from "./charter";
import { adminCoffeeRoutes, coffeeRoutes, pairingOutcomeRoutes, pairingRoutes } from "./coffee";
import { routes } from "./define";
import { feedRoutes } from "./feed";
import { followRoutes } from "./follows";
import { groupRoutes } from "./groups";
import { commentRoutes, groupPostRoutes, postRoutes } from "./posts";
import { fileRoutes, uploadRoutes } from "./files";
import { invitationRoutes } from "./invitations";
import { meRoutes } from "./me";
import { groupModerationRoutes, moderationRoutes } from "./moderation";
import { notificationRoutes } from "./notifications";
import { previewRoutes } from "./preview";
import { searchRoutes } from "./search";
import { setupRoutes } from "./setup";
import { userRoutes } from "./users";
import { adminWebhookRoutes, webhookCatalogueRoutes } from "./webhooks";
// Integrations: API tokens and incoming hooks (issue 9).
import { tokenRoutes } from "./tokens";
import { groupHookRoutes, hookRoutes } from "./hooks";
// Ideas (issue 10).
import { campaignRoutes, groupIdeaRoutes, ideaRoutes } from "./ideas";
// Questions (issue 11).
import { acceptRoutes, answerVoteRoutes, groupQuestionRoutes, questionRoutes } from "./questions";
// FAQ and library (issue 11).
import { faqRoutes, groupKnowledgeRoutes, libraryRoutes, postFaqRoutes } from "./knowledge";
// Single sign-on (issue 12).
import { adminSsoRoutes, authSsoRoutes } from "./sso";
// Admin console (issue 12): members, groups, settings, SCIM tokens, the audit log; the network's public face.
import { adminConsoleRoutes, networkRoutes } from "./admin-console";
// The member's own data: export and erasure (issue 12).
import { privacyAdminRoutes, privacyMeRoutes } from "./privacy";
// Expert office hours (issue 11).
import { officeHourRoutes } from "./office-hours";
// Web push (issue 14).
import { pushKeyRoutes, pushSubscriptionRoutes } from "./push";

/** Every /api/v1 resource, one sub-app each. */
export const v1Routes = routes()
  .route("/setup", setupRoutes)
  .route("/auth", authRoutes)
  .route("/me", meRoutes)
  .route("/charter", charterRoutes)
  .route("/invitations", invitationRoutes)
  .route("/users", userRoutes)
  .route("/files", fileRoutes)
  .route("/admin", adminRoutes)
  .route("/groups", groupRoutes)
  .route("/groups", groupPostRoutes)
  .route("/groups", groupModerationRoutes)
  .route("/posts", postRoutes)
  .route("/comments", commentRoutes)
  .route("/feed", feedRoutes)
  .route("/search", searchRoutes)
  .route("/preview", previewRoutes)
  .route("/notifications", notificationRoutes)
  .route("/uploads", uploadRoutes)
  .route("/me/follows", followRoutes)
  .route("/moderation", moderationRoutes)
  .route("/coffee/pairings", pairingOutcomeRoutes)
  .route("/coffee", coffeeRoutes)
  .route("/me/coffee-pairing", pairingRoutes)
  .route("/admin/coffee", adminCoffeeRoutes)
  // Outgoing webhooks (API.md "Integrations").
  .route("/admin/webhooks", adminWebhookRoutes)
  .route("/webhooks", webhookCatalogueRoutes)
  // Integrations: API tokens and incoming hooks (issue 9).
  .route("/me/tokens", tokenRoutes)
  .route("/groups", groupHookRoutes)
  .route("/hooks", hookRoutes)
  // Ideas (issue 10).
  .route("/campaigns", campaignRoutes)
  .route("/groups", groupIdeaRoutes)
  .route("/ideas", ideaRoutes)
  // Questions (issue 11).
  .route("/questions", questionRoutes)
  .route("/comments", answerVoteRoutes)
  .route("/posts", acceptRoutes)
  .route("/groups", groupQuestionRoutes)
  // FAQ and library (issue 11).
  .route("/groups", groupKnowledgeRoutes)
  .route("/faq", faqRoutes)
  .route("/posts", postFaqRoutes)
  .route("/library", libraryRoutes)
  // Single sign-on (issue 12).
  .route("/admin/sso", adminSsoRoutes)
  .route("/auth/sso", authSsoRoutes)
  // Admin console (issue 12).
  .route("/admin", adminConsoleRoutes)
  .route("/network", networkRoutes)
  // The member's own data: export and erasure (issue 12).
  .route("/me", privacyMeRoutes)
  .route("/admin", privacyAdminRoutes)
  // Expert office hours (issue 11).
  .route("/office-hours", officeHourRoutes)
  // Web push (issue 14).
  .route("/push", pushKeyRoutes)
  .route("/me/push-subscriptions", pushSubscriptionRoutes);
