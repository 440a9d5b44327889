-- AlterTable
ALTER TABLE "Rotation" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'key',
ADD COLUMN     "newUserLock" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Rotation_newUserLock_key" ON "Rotation"("newUserLock");

