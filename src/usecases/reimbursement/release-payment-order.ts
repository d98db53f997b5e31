import type { Actor } from '../../domain/actor.ts';
import { DUTIES, requireDuty, requireOtherPerson } from '../../domain/duties.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { countActiveFinanceOfficers, getPaymentOrder, releaseOrder, setTerritoryCosigner, territoryCosigner } from '../../repositories/payment-orders.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';
import { paymentOrderView } from './payment-order-view.ts';

/** A refusal of the separation of duties is audited, then answered. */
async function refused(deps: Deps, actor: Actor, orderId: string, error: DomainError): Promise<never> {
  await inTransaction(deps.db, (trx) => audit(trx, actor, deps.now(), 'payment_order.release_refused', { type: 'payment_order', id: orderId }, { reason: error.message }));
  throw error;
}

/**
 * A second finance officer releases the order prepared by the first: only then can its payment
 * files be produced and its payment recorded. The preparer may release it alone only under the
 * territory's declared single-officer exception, naming the co-signer, who is recorded and audited.
 */
export async function releasePaymentOrder(deps: Deps, actor: Actor, input: { orderId: string }) {
  requireDuty(actor, 'payment_order.release');
  const order = await getPaymentOrder(deps.db, input.orderId);
  if (!order || order.territory_id !== actor.territoryId) throw new DomainError('not_found', 'Cet ordre de paiement est introuvable.');
  if (order.released_at) throw new DomainError('conflict', 'Cet ordre de paiement est déjà libéré.');
  let cosigner: string | null = null;
  if (order.created_by === actor.id) {
    cosigner = await territoryCosigner(deps.db, actor.territoryId);
    // An exception declared when the officer was alone lapses once a second one is active.
    if (cosigner && (await countActiveFinanceOfficers(deps.db, actor.territoryId)) > 1) cosigner = null;
    if (!cosigner) {
      try {
        requireOtherPerson(actor, 'payment_order.release', order.created_by);
      } catch (error) {
        return refused(deps, actor, order.id, error as DomainError);
      }
    }
  }
  const at = deps.now();
  await inTransaction(deps.db, async (trx) => {
    if (!(await releaseOrder(trx, order.id, { by: actor.id, at: at.toISOString(), cosigner }))) {
      throw new DomainError('conflict', 'Cet ordre de paiement a changé entre-temps (déjà libéré ?). Rechargez la page.');
    }
    await audit(trx, actor, at, 'payment_order.released', { type: 'payment_order', id: order.id }, {
      preparedBy: order.created_by, singleOfficerException: cosigner !== null, cosigner,
    });
  });
  return paymentOrderView(deps.db, order.id, actor);
}

/**
 * A territory with a single finance officer declares the exception (or withdraws it with null):
 * the named co-signer signs each payment order outside the system. Refused while the territory has
 * two active finance officers — the exception exists only where four eyes cannot be in the system.
 */
export async function declareSingleOfficerException(deps: Deps, actor: Actor, input: { cosigner: string | null }) {
  requireDuty(actor, 'payment_order.release');
  const cosigner = input.cosigner?.replace(/\s+/g, ' ').trim() || null;
  if (cosigner !== null) {
    if (cosigner.length < 3) throw invalid('cosigner', 'Indiquez le nom et la fonction de la personne qui co-signe les ordres hors du système.');
    const officers = await countActiveFinanceOfficers(deps.db, actor.territoryId);
    if (officers > 1) {
      throw new DomainError('forbidden', `Le territoire compte ${officers} agents du service financier actifs : l’exception « agent unique » n’est pas possible. ${DUTIES['payment_order.release'].rule}`, { duty: 'payment_order.release' });
    }
  }
  await inTransaction(deps.db, async (trx) => {
    await setTerritoryCosigner(trx, actor.territoryId, cosigner);
    await audit(trx, actor, deps.now(), cosigner ? 'territory.single_finance_exception_declared' : 'territory.single_finance_exception_withdrawn', { type: 'territory', id: actor.territoryId }, { cosigner });
  });
  return { cosigner };
}
