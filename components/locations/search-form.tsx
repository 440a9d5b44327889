// The search box: a GET form, so a search is a link that can be shared or bookmarked.
import Form from "next/form";
import { primaryButton } from "../ui/button.ts";
import { controlClass } from "../ui/field.tsx";

export function SearchForm({ query }: { query: string }) {
  return (
    <Form action="/search" role="search" className="flex flex-wrap items-end gap-3">
      <div className="w-full max-w-xl">
        <label htmlFor="search-q" className="block text-sm font-medium">
          Search keys and locations
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={query}
          maxLength={200}
          placeholder="Key id, user, system, identifier or notes"
          autoComplete="off"
          className={controlClass}
        />
      </div>
      <button type="submit" className={primaryButton}>
        Search
      </button>
    </Form>
  );
}
