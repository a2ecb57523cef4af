import { useEffect, useState } from "preact/hooks";
import type { PushKey } from "../../../../contract/push";
import { api, ApiError } from "../../api";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { me } from "../../session";
import { keyBytes, readSaved, register, renewPush, sameKey, supported, writeSaved } from "./push-subscription";

/**
 * Settings → "Notifications on this device" (web push, issue 14 item 2): one switch. On: the browser's permission, a
 * push subscription made with the network's VAPID key (GET /push/key), sent to POST /me/push-subscriptions. Off: DELETE
 * it and unsubscribe. The device remembers which member turned it on (localStorage): another member signing in on it
 * sees it off, and the same member, back in a later session, has it registered again (the server drops a
 * subscription with the session that made it).
 */

type State = "loading" | "unsupported" | "off" | "on" | "denied" | "unavailable";

export function PushDevice() {
  const member = me.value?.id;
  const [state, setState] = useState<State>("loading");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!member) return;
    let live = true;
    (async () => {
      if (!supported()) return setState("unsupported");
      const registration = await navigator.serviceWorker.getRegistration();
      if (!registration) return setState("unsupported");
      if (Notification.permission === "denied") return setState("denied");
      const mine = await renewPush(member);
      if (live) setState(mine ? "on" : "off");
    })().catch(() => live && setState("unsupported"));
    return () => {
      live = false;
    };
  }, [member]);

  if (!member) return null;

  const turnOn = async () => {
    const permission = await Notification.requestPermission();
    if (permission !== "granted") return setState("denied");
    const { publicKey } = await api<PushKey>("/push/key");
    if (!publicKey) return setState("unavailable");
    const registration = await navigator.serviceWorker.ready;
    const key = keyBytes(publicKey);
    let subscription = await registration.pushManager.getSubscription();
    // Made with another key (the network's keys changed): it cannot receive our pushes any more.
    if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
      await subscription.unsubscribe();
      subscription = null;
    }
    subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    await register(member, subscription);
    setState("on");
    toast(t("push.turnedOn"));
  };

  const turnOff = async () => {
    const saved = readSaved();
    if (saved?.member === member) {
      await api(`/me/push-subscriptions/${encodeURIComponent(saved.id)}`, { method: "DELETE" }).catch((err) => {
        if (!(err instanceof ApiError && err.status === 404)) throw err;
      });
    }
    const registration = await navigator.serviceWorker.getRegistration();
    await (await registration?.pushManager.getSubscription())?.unsubscribe();
    writeSaved(null);
    setState("off");
    toast(t("push.turnedOff"));
  };

  const toggle = async (on: boolean) => {
    setBusy(true);
    try {
      await (on ? turnOn() : turnOff());
    } catch (err) {
      // A browser that refuses to subscribe (blocked by its settings, no push service) says so by a DOMException.
      if (err instanceof DOMException && err.name === "NotAllowedError") setState("denied");
      else toast(err instanceof DOMException ? t("push.browserFailed") : errorText(err), "error");
    } finally {
      setBusy(false);
    }
  };

  const note = { unsupported: t("push.unsupported"), denied: t("push.denied"), unavailable: t("push.unavailable") }[state as "unsupported" | "denied" | "unavailable"];

  return (
    <section class="card stack" aria-labelledby="push-device-title">
      <div>
        <h2 id="push-device-title">{t("push.title")}</h2>
        <p class="muted small" id="push-device-hint">{t("push.intro")}</p>
      </div>
      <label class="check">
        <input
          type="checkbox"
          role="switch"
          checked={state === "on"}
          disabled={busy || state === "loading" || state === "unsupported" || state === "unavailable"}
          aria-describedby={note ? "push-device-hint push-device-note" : "push-device-hint"}
          onChange={(e) => toggle(e.currentTarget.checked)}
        />
        <span>{t("push.toggle")}</span>
      </label>
      {note ? (
        <p id="push-device-note" class={state === "denied" ? "alert alert-warning" : "muted small"} role="status">
          {note}
        </p>
      ) : null}
    </section>
  );
}
