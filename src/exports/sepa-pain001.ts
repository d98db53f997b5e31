import { isValidIban } from '../domain/bank.ts';
import { formatStatementNumber } from '../domain/claims.ts';
import { DomainError } from '../domain/errors.ts';
import { parisIsoWithOffset } from '../domain/paris-time.ts';
import { checkSepaAccount, epcText, isTarget2BusinessDay } from '../domain/sepa.ts';
import type { PaymentOrderDoc } from '../repositories/read-models/payment-order-documents.ts';

// SEPA credit transfer initiation, ISO 20022 pain.001.001.03 (the long-standing French bank
// format): one group header, one payment information block debiting the territory's account, one
// transaction per statement. Text in the SEPA Latin character set, within the EPC length limits.

export interface Debtor {
  name: string;
  iban: string;
  bic: string;
}

/** Text in the EPC Latin set, transliterated (domain/sepa.ts). */
export function sepaText(value: string, max: number): string {
  return epcText(value, max);
}

function xml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');
}

/** 123456 cents → "1234.56". */
export function sepaAmount(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** An identifier ≤ 35 characters from the SEPA subset without spaces. */
function sepaId(value: string): string {
  return sepaText(value, 35).replace(/ /g, '');
}

export function renderSepaPain001(order: PaymentOrderDoc, debtor: Debtor, createdAt: Date): string {
  if (!isValidIban(debtor.iban)) throw new Error('PASSNUM_DEBTOR_IBAN is not a valid IBAN');
  // The bank refuses the whole file for one bad transaction: refuse it here, in French, instead.
  const refuse = (message: string) => {
    throw new DomainError('conflict', `Le fichier SEPA n’a pas été produit : ${message}`);
  };
  if (!isTarget2BusinessDay(order.executionDate)) refuse(`la date d’exécution ${order.executionDate} n’est pas un jour ouvré TARGET2.`);
  for (const s of order.statements) {
    const number = formatStatementNumber(s.year, s.number);
    if (!isValidIban(s.iban)) throw new Error(`statement ${number} has an invalid IBAN`);
    try {
      checkSepaAccount(s.iban, s.bic);
    } catch (error) {
      refuse(`bordereau ${number} — ${(error as Error).message}`);
    }
    if (!/[A-Za-z]/.test(sepaText(s.accountHolder || s.structure.name, 70))) {
      refuse(`bordereau ${number} — le titulaire du compte ne s’écrit pas en caractères latins ; la structure doit le saisir à nouveau.`);
    }
  }
  const total = order.statements.reduce((sum, s) => sum + s.amountCents, 0);
  const count = order.statements.length;
  const msgId = sepaId(`PASSNUM-${order.id.replace(/-/g, '')}`);
  // With its offset: a bank reads a time without zone as its own local time.
  const creDtTm = parisIsoWithOffset(createdAt);
  const txs = order.statements
    .map((s) => {
      const number = formatStatementNumber(s.year, s.number);
      return `      <CdtTrfTxInf>
        <PmtId>
          <InstrId>${xml(sepaId(`BORD-${number}`))}</InstrId>
          <EndToEndId>${xml(sepaId(`PASSNUM-${number}`))}</EndToEndId>
        </PmtId>
        <Amt>
          <InstdAmt Ccy="EUR">${sepaAmount(s.amountCents)}</InstdAmt>
        </Amt>${s.bic ? `
        <CdtrAgt>
          <FinInstnId>
            <BIC>${xml(s.bic)}</BIC>
          </FinInstnId>
        </CdtrAgt>` : ''}
        <Cdtr>
          <Nm>${xml(sepaText(s.accountHolder || s.structure.name, 70))}</Nm>
        </Cdtr>
        <CdtrAcct>
          <Id>
            <IBAN>${xml(s.iban)}</IBAN>
          </Id>
        </CdtrAcct>
        <RmtInf>
          <Ustrd>${xml(sepaText(`Pass numerique bordereau ${number} ${s.campaigns.join(' ')} SIRET ${s.structure.siret}`, 140))}</Ustrd>
        </RmtInf>
      </CdtTrfTxInf>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <CstmrCdtTrfInitn>
    <GrpHdr>
      <MsgId>${xml(msgId)}</MsgId>
      <CreDtTm>${creDtTm}</CreDtTm>
      <NbOfTxs>${count}</NbOfTxs>
      <CtrlSum>${sepaAmount(total)}</CtrlSum>
      <InitgPty>
        <Nm>${xml(sepaText(debtor.name, 70))}</Nm>
      </InitgPty>
    </GrpHdr>
    <PmtInf>
      <PmtInfId>${xml(sepaId(`PMT-${order.id.replace(/-/g, '')}`))}</PmtInfId>
      <PmtMtd>TRF</PmtMtd>
      <BtchBookg>false</BtchBookg>
      <NbOfTxs>${count}</NbOfTxs>
      <CtrlSum>${sepaAmount(total)}</CtrlSum>
      <PmtTpInf>
        <SvcLvl>
          <Cd>SEPA</Cd>
        </SvcLvl>
      </PmtTpInf>
      <ReqdExctnDt>${order.executionDate}</ReqdExctnDt>
      <Dbtr>
        <Nm>${xml(sepaText(debtor.name, 70))}</Nm>
      </Dbtr>
      <DbtrAcct>
        <Id>
          <IBAN>${xml(debtor.iban)}</IBAN>
        </Id>
      </DbtrAcct>
      <DbtrAgt>
        <FinInstnId>
          <BIC>${xml(debtor.bic)}</BIC>
        </FinInstnId>
      </DbtrAgt>
      <ChrgBr>SLEV</ChrgBr>
${txs}
    </PmtInf>
  </CstmrCdtTrfInitn>
</Document>
`;
}
