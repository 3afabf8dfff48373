/** Steps the signing pages' browser tests share. */
import type { Page } from 'playwright-core';

/** Waits until pdf.js has drawn page `n` (its canvas has pixels and some are not white). */
export async function pageDrawn(page: Page, n: number): Promise<void> {
  await page.waitForFunction((pageNumber) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`[data-page="${pageNumber}"] canvas`);
    if (!canvas || canvas.width === 0) return false;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) return true;
    return false;
  }, n);
}

/** From "Start signing" through consent and the password check, until the fields are the signer's to fill. */
export async function agreeToSign(page: Page, password: string): Promise<void> {
  await page.getByRole('button', { name: 'Start signing' }).click();
  const consent = page.getByRole('dialog', { name: 'Before you sign' });
  await consent.getByLabel('I agree to sign electronically').check();
  await consent.getByLabel('Your password').fill(password);
  await consent.getByRole('button', { name: 'Agree and continue' }).click();
  await consent.waitFor({ state: 'detached' });
}

/** Draws a wave on the adopt dialog's pad with the mouse (or a finger, at phone width). */
export async function drawSignature(page: Page): Promise<void> {
  const adopt = page.getByRole('dialog', { name: 'Adopt your signature' });
  await adopt.getByRole('tab', { name: 'Draw' }).click();
  const area = (await adopt.getByRole('img', { name: 'Signature pad: draw your signature here' }).boundingBox())!;
  await page.mouse.move(area.x + 20, area.y + 120);
  await page.mouse.down();
  for (let i = 1; i <= 12; i += 1) await page.mouse.move(area.x + 20 + i * 18, area.y + 120 - Math.sin(i / 2) * 50);
  await page.mouse.up();
  await adopt.getByRole('img', { name: 'Your drawn signature' }).waitFor();
}
