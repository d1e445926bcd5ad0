// The User API answers we read, checked at the boundary, and their mapping to the port's types.
// Only the fields we use are declared; the rest of cybozu's user object is ignored.

import { z } from 'zod';
import { isServiceName, type DirectoryUser, type ServiceName } from './port.js';

const idSchema = z.union([z.string(), z.number()]).transform(String);

const userSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  valid: z.boolean(),
  email: z.string().nullish(),
  locale: z.string().nullish(),
});
export type CybozuUser = z.infer<typeof userSchema>;

export const usersAnswer = z.object({ users: z.array(userSchema) });

export const servicesAnswer = z.object({
  users: z.array(z.object({ code: z.string(), services: z.array(z.string()) })),
});

export const groupsAnswer = z.object({
  groups: z.array(z.object({ id: idSchema, code: z.string(), name: z.string().optional() })),
});

/** cybozu sends "" for an unset e-mail or locale; the port says null. */
export function toDirectoryUser(user: CybozuUser): DirectoryUser {
  const email = user.email?.trim() ? user.email.trim() : null;
  const locale = user.locale?.trim() ? user.locale.trim() : null;
  return { id: user.id, loginName: user.code, name: user.name, email, active: user.valid, locale };
}

/** Keeps the services the port knows; a service cybozu adds later is ignored rather than fatal. */
export function knownServices(values: readonly string[]): ServiceName[] {
  return values.filter(isServiceName);
}
