-- AlterTable
ALTER TABLE "Location" ADD COLUMN     "store" TEXT;

-- AlterTable
ALTER TABLE "RotationLocationUpdate" ADD COLUMN     "previousVersionId" TEXT,
ADD COLUMN     "restoredAt" TIMESTAMP(3),
ADD COLUMN     "restoredBy" TEXT,
ADD COLUMN     "versionId" TEXT;
