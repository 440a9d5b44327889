-- AlterTable
ALTER TABLE "AccessKey" ADD COLUMN     "inactiveSince" TIMESTAMP(3);

