-- AlterTable
ALTER TABLE "Location" ADD COLUMN "store" TEXT;

-- AlterTable
ALTER TABLE "RotationLocationUpdate" ADD COLUMN "previousVersionId" TEXT;
ALTER TABLE "RotationLocationUpdate" ADD COLUMN "restoredAt" DATETIME;
ALTER TABLE "RotationLocationUpdate" ADD COLUMN "restoredBy" TEXT;
ALTER TABLE "RotationLocationUpdate" ADD COLUMN "versionId" TEXT;
