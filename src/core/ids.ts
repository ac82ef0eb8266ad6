/** Branded identifiers: a class id cannot be passed where a group id is wanted. */
export type ClassId = string & { readonly __brand: "ClassId" };
export type GroupId = string & { readonly __brand: "GroupId" };
export type DealId = string & { readonly __brand: "DealId" };
export type RepLineId = string & { readonly __brand: "RepLineId" };

export const classId = (id: string): ClassId => id as ClassId;
export const groupId = (id: string): GroupId => id as GroupId;
export const dealId = (id: string): DealId => id as DealId;
export const repLineId = (id: string): RepLineId => id as RepLineId;
