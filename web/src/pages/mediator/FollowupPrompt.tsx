import { useEffect, useState } from 'react';
import { followupApi, followupPath, type RedemptionFollowup } from '../../api/followup.ts';
import { Link } from '../../app/router.tsx';

/** After a redemption that used the booklet's last ticket: the follow-up diagnostic, now (issue #18, item 4). */
export function FollowupPrompt({ redemptionId }: { redemptionId: string }) {
  const [info, setInfo] = useState<RedemptionFollowup | null>(null);
  useEffect(() => {
    followupApi.afterRedemption(redemptionId).then(setInfo, () => setInfo(null));
  }, [redemptionId]);
  if (!info?.followupSuggested) return null;
  return (
    <p>
      C’était le dernier ticket de {info.firstName}.{' '}
      <Link className="bouton" to={followupPath(info.beneficiaryId)}>
        Faire le diagnostic de suivi de {info.firstName}
      </Link>
    </p>
  );
}
