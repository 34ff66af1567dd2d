import { z } from 'zod';

const count = z.int().nonnegative();

/** One branch's or one دادیار's figures: files registered in the period; orders issued, pending and overdue. */
export const officeStaffFigureRowSchema = z.object({
  name: z.string(),
  registered: count,
  ordersIssued: count,
  /** Orders on its files not closed now. */
  ordersPending: count,
  /** Orders on its files past their deadline and not closed now. */
  ordersOverdue: count,
});
export type OfficeStaffFigureRow = z.infer<typeof officeStaffFigureRowSchema>;

/** GET /api/figures/office-staff — a prosecutor's office's figures per branch and per دادیار/بازپرس. */
export const officeStaffFiguresSchema = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  branches: z.array(officeStaffFigureRowSchema),
  staff: z.array(officeStaffFigureRowSchema),
});
export type OfficeStaffFigures = z.infer<typeof officeStaffFiguresSchema>;
