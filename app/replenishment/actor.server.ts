// Who acted: the staff user of the session (online token user, else the session token's `sub`), else "merchant".
interface AdminAuth {
  session: { onlineAccessInfo?: { associated_user?: { id?: number | string } } | null };
  sessionToken?: { sub?: string } | null;
}

export function actorOf(auth: AdminAuth): string {
  const user = auth.session.onlineAccessInfo?.associated_user?.id;
  if (user !== undefined && user !== null && String(user) !== "") return String(user);
  const sub = auth.sessionToken?.sub;
  return sub ? String(sub) : "merchant";
}
