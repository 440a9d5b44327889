-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "changeRole" TEXT NOT NULL DEFAULT 'rotator',
ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "removedAt" TIMESTAMP(3),
ADD COLUMN     "reportGeneratedAt" TIMESTAMP(3),
ADD COLUMN     "roleArn" TEXT;

-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "iamCalls" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "phase" TEXT,
ADD COLUMN     "usersDone" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "usersTotal" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "Account_name_key" ON "Account"("name");

