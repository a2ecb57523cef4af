import { z } from "zod";

/** Shared request pieces, so every route refuses the same bad input the same way. */
export const Email = z.email().max(254).transform((e) => e.trim().toLowerCase());
export const Password = z.string().min(10, "At least 10 characters").max(200);
export const PersonName = z.string().trim().min(1).max(100);
