import type { Translate } from '../../i18n/index.js';
import type { DutyGroupStatus } from '../duty-group.js';

/** One line for admins in App Home: what the on-duty user group holds, or what keeps it from being kept and the fix. */
export function dutyGroupText(status: DutyGroupStatus, t: Translate): string {
  const handle = status.handle;
  switch (status.state) {
    case 'ok':
      return t('home.admin.duty_group.ok', { handle, who: status.members.map((id) => `<@${id}>`).join(', ') });
    case 'disabled':
      return t('home.admin.duty_group.disabled', { handle });
    case 'pending':
      return t('home.admin.duty_group.pending', { handle });
    case 'problem':
      return t(`home.admin.duty_group.problem.${status.problem ?? 'unavailable'}`, {
        handle,
        error: status.error ?? '',
      });
  }
}
